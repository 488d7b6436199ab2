import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorNote } from "./hooks.js";

/**
 * A view in a chunk of its own, fetched the first time it is opened, so the newsroom's first load
 * carries only what the article screens need.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: Promise<ComponentType<P>> | undefined;
  return function LazyView(props: P) {
    const [view, setView] = useState<{ C: ComponentType<P> }>();
    const [error, setError] = useState<string>();
    useEffect(() => {
      (loaded ??= load()).then(
        (C) => setView({ C }),
        () => {
          loaded = undefined;
          setError("This part of the newsroom could not be loaded: check the connection and reload.");
        },
      );
    }, []);
    if (error) return <ErrorNote error={error} />;
    if (!view) return <p aria-live="polite">Opening…</p>;
    return <view.C {...props} />;
  };
}
