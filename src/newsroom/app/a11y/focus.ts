import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";

// Where focus goes after an action (WCAG 2.4.3 Focus Order). A control that disappears or
// becomes disabled drops focus to <body>, which throws a screen-reader user back to the top of
// the page; these helpers put it somewhere meaningful once the view has re-rendered.

type Target = string | HTMLElement | null | undefined | (() => HTMLElement | null | undefined);

function resolve(target: Target, root: ParentNode): HTMLElement | null {
  const el = typeof target === "function" ? target() : target;
  if (typeof el === "string") return root.querySelector<HTMLElement>(el);
  return el ?? null;
}

function usable(el: HTMLElement | null): el is HTMLElement {
  return !!el && el.isConnected && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0;
}

/**
 * Focuses the first usable target after the next render (the state update that caused the
 * move has to reach the DOM first). Later targets are fall-backs: "the same button, else its
 * neighbour, else the list's heading".
 */
export function focusAfterRender(targets: Target[], root: ParentNode = document): Promise<boolean> {
  return new Promise((done) => {
    requestAnimationFrame(() =>
      setTimeout(() => {
        for (const target of targets) {
          const el = resolve(target, root);
          if (usable(el)) {
            if (!el.hasAttribute("tabindex") && !isFocusable(el)) el.setAttribute("tabindex", "-1");
            el.focus();
            return done(true);
          }
        }
        done(false);
      }, 0),
    );
  });
}

function isFocusable(el: HTMLElement): boolean {
  return /^(A|BUTTON|INPUT|SELECT|TEXTAREA|SUMMARY)$/.test(el.tagName) || el.isContentEditable;
}

/** A CSS selector for an attribute value written by our own views (labels with quotes in them). */
export function attr(name: string, value: string): string {
  return `[${name}="${value.replace(/["\\]/g, "\\$&")}"]`;
}

/** A revealed form: its first field takes focus once, when it appears. */
export function useFocusFirstField(): RefObject<HTMLFormElement> {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select")?.focus();
  }, []);
  return form;
}

/** Resolves once the next render has reached the screen (a closed dialog gone, a list redrawn). */
export function afterRender(): Promise<void> {
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}
