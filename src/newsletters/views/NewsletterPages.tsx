import type { ComponentChildren } from "preact";
import type { SiteContext } from "../../pages/site-context.js";
import { Layout } from "../../pages/views/Layout.js";
import type { Newsletter, Preferences } from "../subscription.queries.js";

/** The frame of every newsletter notice page: kicker, title, words. */
export function Notice(props: {
  site: SiteContext;
  title: string;
  path: string;
  kicker?: string;
  children: ComponentChildren;
}) {
  return (
    <Layout site={props.site} meta={{ title: props.title, description: props.title, path: props.path, noindex: true }}>
      <div class="wrap notice-page">
        <p class="kicker">{props.kicker ?? "Newsletters"}</p>
        <h1>{props.title}</h1>
        {props.children}
      </div>
    </Layout>
  );
}

/** Hidden from people (and from assistive technology); bots that fill every field fill it. */
export function Honeypot({ id }: { id: string }) {
  return (
    <div class="hp" aria-hidden="true">
      <label for={id}>Leave this empty</label>
      <input id={id} type="text" name="website" tabIndex={-1} autoComplete="off" />
    </div>
  );
}

/** A checkbox per newsletter, with its description, named "newsletter" with the slug as value. */
function NewsletterChoices(props: {
  legend: string;
  idPrefix: string;
  newsletters: Newsletter[];
  checked: (n: Newsletter) => boolean;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.newsletters.map((n) => (
        <div class="choice">
          <input
            id={`${props.idPrefix}-${n.slug}`}
            type="checkbox"
            name="newsletter"
            value={n.slug}
            checked={props.checked(n)}
          />
          <label for={`${props.idPrefix}-${n.slug}`}>
            <strong>{n.name}</strong> <span class="choice-description">{n.description}</span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function CheckInboxPage({ site, returnTo }: { site: SiteContext; returnTo: string }) {
  return (
    <Notice site={site} title="Check your inbox" path="/newsletters/check-your-inbox" kicker="Newsletter">
      <p>
        Thank you. Unless that address is already signed up, we are sending a message asking you to confirm it. Nothing
        else is sent until you do.
      </p>
      <p>
        <a href={returnTo}>Back to where you were</a>
      </p>
    </Notice>
  );
}

export function SignupFormPage(props: {
  site: SiteContext;
  newsletters: Newsletter[];
  chosen: string[];
  returnTo: string;
  email: string;
  error?: string;
}) {
  const { site, newsletters, chosen, error } = props;
  return (
    <Layout
      site={site}
      meta={{ title: "Newsletters", description: `Sign up for ${site.name} newsletters.`, path: "/newsletters" }}
    >
      <div class="wrap notice-page">
        <p class="kicker">Newsletters</p>
        <h1>{site.name} newsletters</h1>
        <p>Free, and only what you choose. Every email has a one-click unsubscribe link.</p>
        <form method="post" action="/newsletters/subscribe" class="signup-form newsletter-choice">
          <input type="hidden" name="returnTo" value={props.returnTo} />
          <NewsletterChoices
            legend="Choose your newsletters"
            idPrefix="nl"
            newsletters={newsletters}
            checked={(n) => chosen.includes(n.slug)}
          />
          <label for="nl-email">Email address</label>
          <div class="signup-row">
            <input
              id="nl-email"
              type="email"
              name="email"
              required
              maxLength={254}
              autoComplete="email"
              value={props.email}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? "nl-error" : undefined}
            />
            <button type="submit">Sign up</button>
          </div>
          <Honeypot id="nl-website" />
          {error && (
            <p id="nl-error" class="form-error" role="alert">
              {error}
            </p>
          )}
          <p class="fine-print">We will email you once to confirm. Nothing is sent until you do.</p>
        </form>
      </div>
    </Layout>
  );
}

/** The confirmation link's page: a button that confirms (a POST), so following the link alone signs nobody up. */
export function ConfirmPage(props: { site: SiteContext; action: string }) {
  return (
    <Notice site={props.site} title="Confirm your subscription" path="/newsletters/confirm">
      <p>One more step: press the button to start receiving the newsletters you chose.</p>
      <form method="post" action={props.action} class="signup-form">
        <button type="submit">Yes, sign me up</button>
      </form>
    </Notice>
  );
}

export function ConfirmedPage(props: { site: SiteContext; newsletters: Newsletter[]; preferencesUrl: string }) {
  return (
    <Notice site={props.site} title="You are signed up" path="/newsletters/confirm">
      <p>Thank you for confirming. You will receive:</p>
      <ul>
        {props.newsletters.map((n) => (
          <li>
            <strong>{n.name}</strong>: {n.description}
          </li>
        ))}
      </ul>
      <p>
        <a href={props.preferencesUrl}>Manage your newsletters</a> at any time; every email has the same link.
      </p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </Notice>
  );
}

export function LinkProblemPage(props: { site: SiteContext; title: string; message: string; signUp?: boolean }) {
  return (
    <Notice site={props.site} title={props.title} path="/newsletters">
      <p>{props.message}</p>
      {props.signUp && (
        <p>
          <a href="/newsletters">Sign up for a newsletter</a>
        </p>
      )}
    </Notice>
  );
}

export function PreferencesPage(props: {
  site: SiteContext;
  prefs: Preferences;
  newsletters: Newsletter[];
  /** The link's query (s, x, t) as hidden fields: the form is proof of the same link. */
  token: Record<string, string>;
  saved?: string;
}) {
  const { prefs, newsletters, token } = props;
  const gone = prefs.status === "unsubscribed";
  return (
    <Notice site={props.site} title="Your newsletters" path="/newsletters/preferences">
      <p>
        For <strong>{prefs.email}</strong>.
      </p>
      {props.saved && (
        <p class="form-saved" role="status">
          {props.saved}
        </p>
      )}
      <form method="post" action="/newsletters/preferences" class="signup-form newsletter-choice">
        {Object.entries(token).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <NewsletterChoices
          legend="Send me"
          idPrefix="pref"
          newsletters={newsletters}
          checked={(n) => !gone && prefs.subscriptions.get(n.id) === "confirmed"}
        />
        <div class="choice">
          <input id="pref-paused" type="checkbox" name="paused" value="yes" checked={prefs.paused} />
          <label for="pref-paused">
            <strong>Pause everything</strong>{" "}
            <span class="choice-description">Keep my choices but send nothing until I untick this.</span>
          </label>
        </div>
        <div class="form-actions">
          <button type="submit" name="action" value="save">
            Save my choices
          </button>
          <button type="submit" name="action" value="unsubscribe-all" class="button-secondary">
            Unsubscribe from everything
          </button>
        </div>
      </form>
    </Notice>
  );
}
