/**
 * "Who is looking" for server-rendered pages (issue #6): the signed-in person, or a redirect to the sign-in
 * page (the proxy sends people without a cookie there with the page to come back to). Pages for one function pass its action and send people who may not
 * use it to their start page.
 */
import { redirect } from "next/navigation";
import type { SessionUser } from "@/db/auth";
import { canEver, type Action } from "@/lib/domain/permissions";
import { homePathOf } from "./home-path";
import { currentUser } from "./session";

/**
 * Used first by every page: the signed-in person (redirecting to the sign-in page when the session ended);
 * with `action`, people whose role never has it go to their own start page instead.
 */
export async function requirePageUser(locale: string, action?: Action): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) {
    // the proxy already sent people without a cookie here with the page they asked for; this is an ended session
    redirect(`/${locale}/sign-in?ended=1`);
  }
  if (action && !canEver(user.role, action)) redirect(`/${locale}${homePathOf(user.role)}`);
  return user;
}
