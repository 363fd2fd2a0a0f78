/**
 * `tessera user …`: accounts from the command line (issue #6), for the operator who holds the database file.
 *   user add --name N --role R [--display "Name"]   password from stdin (one line)
 *   user reset --name N                              new password from stdin (one line); sessions end
 *   user disable --name N | user enable --name N     disabling ends the sessions; the last admin stays
 *   user role --name N --role R                      sessions end, so the new role applies at once
 *   user list [--json]
 * all with `[--db PATH]`. Exit 0 done; 1 refused by an account rule (a short password, a taken name, …), with
 * the reason on stderr; bad use throws (exit 2). Each change is audited with no actor and detail "cli"; a
 * password is never printed.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { databasePath, openDatabase, writeTransaction, type Db } from "@/db/client";
import { appendAudit } from "@/db/audit";
import { AccountRefused, findUser, hashPassword, insertUser, listUsers, MIN_PASSWORD_LENGTH, setDisabled, setRole, storePasswordHash } from "@/db/auth";
import { USER_ROLES, type UserRole } from "@/lib/domain/types";

const USAGE = `Usage: npm run -s tessera -- user <subcommand> [options] [--db PATH]

  user add --name N --role R [--display "Name"]   add an account; its password is read from stdin (one line)
  user reset --name N                              set a new password, read from stdin (one line); ends its sessions
  user disable --name N                            disable an account and end its sessions
  user enable --name N                             enable it again
  user role --name N --role R                      change its role (ends its sessions)
  user list [--json]                               the accounts: name, display name, role, status, created

Roles: ${USER_ROLES.join(", ")}. Passwords have at least ${MIN_PASSWORD_LENGTH} characters; pipe them in, e.g.
  printf '%s\\n' "$PASSWORD" | npm run -s tessera -- user add --name wang.fang --role mapper --display 王芳
Exit codes: 0 done, 1 refused (the reason is on stderr), 2 bad use.`;

/** Where passwords are read from: stdin, or a stream in tests. */
type Input = NodeJS.ReadableStream & { isTTY?: boolean };

const SUBCOMMANDS = ["add", "reset", "disable", "enable", "role", "list"] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

function explain(rule: AccountRefused["rule"], name: string): string {
  switch (rule) {
    case "weak_password":
      return `the password must be at least ${MIN_PASSWORD_LENGTH} characters`;
    case "username_taken":
      return `the user name "${name}" is taken`;
    case "bad_username":
      return `"${name}" is not a user name: use 2–64 letters, digits, dots, hyphens or underscores`;
    case "bad_role":
      return `--role must be one of ${USER_ROLES.join(", ")}`;
    case "no_such_user":
      return `there is no user "${name}"`;
    case "last_admin":
      return `"${name}" is the last enabled admin; add or enable another admin first`;
  }
}

/** One line from stdin (without its line break), or null when stdin ends first. On a terminal it asks and hides the typing. */
async function readPassword(input: Input, prompt: string): Promise<string | null> {
  const tty = Boolean(input.isTTY);
  if (tty) process.stderr.write(prompt);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input, output: tty ? silent : undefined, terminal: tty });
  try {
    for await (const line of lines) return line.replace(/\r$/, "");
    return null;
  } finally {
    lines.close();
    if (tty) process.stderr.write("\n");
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows.map((r) => r.map((cell, c) => cell + " ".repeat(widths[c] - [...cell].length)).join("  ").trimEnd()).join("\n");
}

function list(db: Db, json: boolean): number {
  const accounts = listUsers(db);
  if (json) console.log(JSON.stringify(accounts, null, 2));
  else if (!accounts.length) console.log("There are no accounts yet. Add one with `npm run -s tessera -- user add --name N --role admin`.");
  else console.log(table([["user name", "display name", "role", "status", "created (UTC)"], ...accounts.map((a) => [a.username, a.displayName, a.role, a.disabled ? "disabled" : "active", a.createdAt.slice(0, 19).replace("T", " ")])]));
  return 0;
}

function idOf(db: Db, name: string): number {
  const found = findUser(db, name);
  if (!found) throw new AccountRefused("no_such_user");
  return found.id;
}

async function change(db: Db, input: Input, sub: Exclude<Subcommand, "list">, name: string, role: string | undefined, display: string | undefined): Promise<string> {
  const audit = (action: string, id: number) => appendAudit(db, { actor: null, action, targetType: "user", targetId: id, detail: "cli" });
  if (sub === "add" || sub === "reset") {
    // refuse what can be refused before asking for a password
    if (sub === "reset") idOf(db, name);
    if (sub === "add" && !(USER_ROLES as readonly string[]).includes(role ?? "")) throw new AccountRefused("bad_role");
    if (sub === "add" && findUser(db, name)) throw new AccountRefused("username_taken");
    const password = await readPassword(input, `Password for ${name}: `);
    if (!password) throw new AccountRefused("weak_password");
    const passwordHash = await hashPassword(password);
    if (sub === "add") {
      const id = writeTransaction(db, () => {
        const made = insertUser(db, { username: name, displayName: display, role: role as UserRole, passwordHash });
        audit("user.create", made);
        return made;
      });
      return `Added ${name.trim()} (${role}) with id ${id}.`;
    }
    writeTransaction(db, () => {
      const id = idOf(db, name);
      storePasswordHash(db, id, passwordHash);
      audit("user.reset_password", id);
    });
    return `Reset the password of ${name}; their sessions have ended.`;
  }
  return writeTransaction(db, () => {
    const id = idOf(db, name);
    if (sub === "role") {
      setRole(db, id, role as UserRole);
      audit("user.role", id);
      return `${name} is now ${role}; their sessions have ended.`;
    }
    setDisabled(db, id, sub === "disable");
    audit(sub === "disable" ? "user.disable" : "user.enable", id);
    return sub === "disable" ? `Disabled ${name}; their sessions have ended.` : `Enabled ${name}.`;
  });
}

/**
 * Used by `bin/tessera.ts` with the arguments after `user`: runs the subcommand, reading a password from
 * `input` (stdin); returns the exit code.
 */
export async function runUser(argv: string[], input: Input = process.stdin): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      role: { type: "string" },
      display: { type: "string" },
      db: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [sub, ...extra] = positionals;
  if (values.help || !sub) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new Error(`unknown user subcommand "${sub}" (one of ${SUBCOMMANDS.join(", ")})`);
  if (extra.length) throw new Error(`user ${sub} takes no argument "${extra[0]}" (use --name)`);
  if (sub !== "list" && !values.name) throw new Error(`user ${sub} needs --name N`);
  if ((sub === "add" || sub === "role") && !values.role) throw new Error(`user ${sub} needs --role R (one of ${USER_ROLES.join(", ")})`);
  const dbPath = values.db ? resolve(values.db) : databasePath();
  if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath} (run \`npm run -s tessera -- seed --db ${dbPath}\` or \`npm start\` first)`);
  const db = openDatabase(dbPath);
  try {
    if (sub === "list") return list(db, values.json);
    const name = values.name!;
    try {
      console.log(await change(db, input, sub as Exclude<Subcommand, "list">, name, values.role, values.display));
      return 0;
    } catch (error) {
      if (!(error instanceof AccountRefused)) throw error;
      console.error(`tessera: refused: ${explain(error.rule, name.trim())} [rule ${error.rule}]`);
      return 1;
    }
  } finally {
    db.$client.close();
  }
}
