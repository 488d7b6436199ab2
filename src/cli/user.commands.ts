import { promptPassword, readPasswordFromStdin, userCreate, userResetPassword } from "../newsroom/auth/user.cli.js";
import { type CliCommand, str } from "./cli-args.js";

/** `user create` and `user reset-password`: the password asked for without echo, or read from stdin. */
export async function userCommand(cli: CliCommand, sub: "create" | "reset-password"): Promise<number> {
  const { handle, values, out } = cli;
  await cli.prepare();
  const password = values["password-stdin"] ? () => readPasswordFromStdin() : () => promptPassword("Password: ");
  return sub === "create"
    ? await userCreate(
        handle.db,
        { email: str(values.email), name: str(values.name), role: str(values.role) },
        password,
        out,
      )
    : await userResetPassword(handle.db, { email: str(values.email) }, password, out);
}
