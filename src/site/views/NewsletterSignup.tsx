interface Props {
  /** Where the reader returns after signing up (a root-relative path). */
  returnTo: string;
  /** Form ids must be unique on the page. */
  idPrefix: string;
  error?: string;
  email?: string;
}

/** The Newsletter block: a plain form that works without JavaScript. */
export function NewsletterSignup({ returnTo, idPrefix, error, email }: Props) {
  const emailId = `${idPrefix}-email`;
  const errorId = `${idPrefix}-error`;
  return (
    <section class="newsletter-signup" aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`}>Newsletter</h2>
      <p>
        <strong>Morning Headlines</strong>: the stories that matter, in your inbox at 6am every day. Free.
      </p>
      <form method="post" action="/newsletters/subscribe" class="signup-form" noValidate={false}>
        <input type="hidden" name="newsletter" value="morning-headlines" />
        <input type="hidden" name="returnTo" value={returnTo} />
        <label for={emailId}>Email address</label>
        <div class="signup-row">
          <input
            id={emailId}
            type="email"
            name="email"
            required
            maxLength={254}
            autoComplete="email"
            value={email}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          <button type="submit">Sign up</button>
        </div>
        <div class="hp" aria-hidden="true">
          <label for={`${idPrefix}-website`}>Leave this empty</label>
          <input id={`${idPrefix}-website`} type="text" name="website" tabIndex={-1} autoComplete="off" />
        </div>
        {error && (
          <p id={errorId} class="form-error" role="alert">
            {error}
          </p>
        )}
        <p class="fine-print">We send only what you ask for. Unsubscribe with one click in any email.</p>
      </form>
    </section>
  );
}
