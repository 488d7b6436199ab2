import { Layout } from "../../site/views/Layout.js";
import { NewsletterSignup } from "../../site/views/NewsletterSignup.js";
import type { SiteContext } from "../../site/site-context.js";

export function CheckInboxPage({ site, returnTo }: { site: SiteContext; returnTo: string }) {
  return (
    <Layout
      site={site}
      meta={{
        title: "Check your inbox",
        description: "Confirm your newsletter sign-up.",
        path: "/newsletters/check-your-inbox",
        noindex: true,
      }}
    >
      <div class="wrap notice-page">
        <p class="kicker">Newsletter</p>
        <h1>Check your inbox</h1>
        <p>
          Thank you. If that address is not already on the list, we will send a message asking you to confirm it.
          Nothing else is sent until you do.
        </p>
        <p>
          <a href={returnTo}>Back to where you were</a>
        </p>
      </div>
    </Layout>
  );
}

export function SignupFormPage(props: { site: SiteContext; returnTo: string; email: string; error?: string }) {
  return (
    <Layout
      site={props.site}
      meta={{ title: "Newsletters", description: `Sign up for ${props.site.name} newsletters.`, path: "/newsletters" }}
    >
      <div class="wrap notice-page">
        <p class="kicker">Newsletters</p>
        <h1>Sign up for Morning Headlines</h1>
        <p>The day's biggest stories at 6am, one line each, every day.</p>
        <NewsletterSignup
          returnTo={props.returnTo}
          idPrefix="page-newsletter"
          email={props.email}
          {...(props.error ? { error: props.error } : {})}
        />
      </div>
    </Layout>
  );
}
