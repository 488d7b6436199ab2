import type { ComponentType } from "preact";

// Islands are the only client JavaScript: the server renders the component, the client runtime
// (src/client/main.ts) hydrates it when the browser is idle or it scrolls into view.
// Props must be JSON: they travel in a data attribute.

export type Hydrate = "idle" | "visible";

interface Props<P> {
  name: string;
  component: ComponentType<P>;
  props: P;
  hydrate?: Hydrate;
}

export function Island<P extends object>({ name, component: Component, props, hydrate = "idle" }: Props<P>) {
  return (
    <div data-island={name} data-hydrate={hydrate} data-props={JSON.stringify(props)} class="island">
      <Component {...props} />
    </div>
  );
}
