import type { SiteContext } from "../../pages/site-context.js";
import type { Newsletter } from "../subscription.queries.js";
import { Notice } from "./NewsletterPages.js";

/** The proof a new preferences link is asked with: a preferences link's s, x, t or an unsubscribe link's s, n, t. */
export type LinkProof = Record<string, string>;

/** A button that has a new preferences link emailed to the address the proof belongs to (never shown here). */
export function NewLinkForm({ proof, label, secondary }: { proof: LinkProof; label: string; secondary?: boolean }) {
  return (
    <form method="post" action="/newsletters/preferences/new-link" class="signup-form">
      {Object.entries(proof).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={secondary ? "button-secondary" : undefined}>
        {label}
      </button>
    </form>
  );
}

export function PreferencesLinkExpiredPage(props: { site: SiteContext; proof: LinkProof; days: number }) {
  return (
    <Notice site={props.site} title="This link has expired" path="/newsletters/preferences">
      <p>
        Links to manage your newsletters work for {props.days} days. We can email a new one to the address this link was
        sent to.
      </p>
      <NewLinkForm proof={props.proof} label="Email me a new link" />
      <p>The unsubscribe link at the foot of each of our emails keeps working: you can always leave in one click.</p>
    </Notice>
  );
}

export function NewLinkSentPage(props: { site: SiteContext; days: number }) {
  return (
    <Notice site={props.site} title="Check your inbox" path="/newsletters/preferences">
      <p role="status">
        We have emailed a new link to the address this one was sent to. It works for {props.days} days.
      </p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </Notice>
  );
}

export function UnsubscribePage(props: {
  site: SiteContext;
  newsletter: Newsletter;
  action: string;
  proof: LinkProof;
  done: boolean;
}) {
  return (
    <Notice
      site={props.site}
      title={props.done ? "You are unsubscribed" : `Unsubscribe from ${props.newsletter.name}?`}
      path="/newsletters/unsubscribe"
    >
      {props.done ? (
        <p role="status">You will not receive {props.newsletter.name} again.</p>
      ) : (
        <form method="post" action={props.action} class="signup-form">
          <button type="submit">Unsubscribe from {props.newsletter.name}</button>
        </form>
      )}
      {/* An unsubscribe link never expires, so it does not open the preferences page (which shows the
          address): it has a fresh, expiring link emailed instead. */}
      <p>To choose which newsletters you receive, we can email you a link to manage them.</p>
      <NewLinkForm proof={props.proof} label="Email me a link to manage my newsletters" secondary />
    </Notice>
  );
}
