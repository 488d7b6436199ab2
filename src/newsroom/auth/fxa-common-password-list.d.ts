declare module "fxa-common-password-list" {
  /** True when the password is on Firefox Accounts' list of common passwords. */
  export function test(password: string): boolean;
}
