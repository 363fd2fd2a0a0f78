import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE, E2E_ADMIN_PASSWORD } from "../playwright.config";

/** Signs the first admin in through the sign-in page and keeps the session cookie for the other tests. */
setup("sign in as the first admin", async ({ page }) => {
  await page.goto("/zh");
  await expect(page).toHaveURL(/\/zh\/sign-in\?next=%2Fzh/);
  await page.getByTestId("sign-in-username").fill("admin");
  await page.getByTestId("sign-in-password").fill("wrong password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("sign-in-error")).toContainText("用户名或密码错误");
  await page.getByTestId("sign-in-password").fill(E2E_ADMIN_PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("signed-in-as")).toContainText("管理员");
  const cookie = (await page.context().cookies()).find((c) => c.name === "tessera_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  await page.context().storageState({ path: ADMIN_STATE });
});
