import { describe, expect, it } from "vitest";
import { positiveId, printOptionsFromBody, printOptionsFromQuery, requestLocale } from "./print-input";
import { attachmentDisposition, failureText } from "./print-response";

const at = new Date("2030-11-01T23:30:00Z");
const request = (query = "", headers: Record<string, string> = {}) => new Request(`http://localhost/api/print/small-areas/1${query}`, { headers });

describe("print options from a request", () => {
  it("defaults to A4 portrait without imagery in the request's language, printed today (UTC)", () => {
    expect(printOptionsFromQuery(request(), at)).toEqual({ ok: true, options: { paper: "A4", orientation: "portrait", imagery: false, locale: "zh", printedAt: "2030-11-01" } });
    expect(printOptionsFromQuery(request("?paper=A3&orientation=landscape&imagery=true&locale=en"), at)).toMatchObject({ ok: true, options: { paper: "A3", orientation: "landscape", imagery: true, locale: "en" } });
    expect(printOptionsFromBody({ imagery: 1, paper: "A3" }, request("", { "accept-language": "en-US,en;q=0.8" }), at)).toMatchObject({ ok: true, options: { paper: "A3", imagery: true, locale: "en" } });
    expect(printOptionsFromBody({ imagery: false }, request(), at)).toMatchObject({ ok: true, options: { imagery: false } });
  });

  it("names the bad parameter, in the language asked for when that is right", () => {
    expect(printOptionsFromQuery(request("?paper=a3"))).toEqual({ ok: false, place: "paper", message: "参数 paper 无效：纸张须为 A4 或 A3。" });
    expect(printOptionsFromQuery(request("?orientation=up&locale=en"))).toEqual({ ok: false, place: "orientation", message: "Bad parameter orientation: it must be portrait or landscape." });
    expect(printOptionsFromQuery(request("?imagery=on"))).toMatchObject({ ok: false, place: "imagery" });
    expect(printOptionsFromQuery(request("?locale=ja", { "accept-language": "en" }))).toMatchObject({ ok: false, place: "locale", message: expect.stringMatching(/^Bad parameter locale/) });
    expect(printOptionsFromBody({ paper: 4 }, request())).toMatchObject({ ok: false, place: "paper" });
  });

  it("finds the request's language in the page it came from, the locale cookie, then Accept-Language", () => {
    expect(requestLocale(request("", { referer: "http://localhost/en/guide" }))).toBe("en");
    expect(requestLocale(request("", { cookie: "tessera_session=x; NEXT_LOCALE=en" }))).toBe("en");
    expect(requestLocale(request("", { "accept-language": "fr-FR, en;q=0.5" }))).toBe("en");
    expect(requestLocale(request("", { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8", referer: "not a url" }))).toBe("zh");
    expect(requestLocale(request())).toBe("zh");
  });

  it("reads ids as positive integers only", () => {
    expect([positiveId("12"), positiveId(12), positiveId("0"), positiveId(-1), positiveId(1.5), positiveId("1e3"), positiveId(null)]).toEqual([12, 12, null, null, null, null, null]);
  });
});

describe("print responses", () => {
  it("name the attachment in ASCII and as RFC 5987 UTF-8", () => {
    expect(attachmentDisposition("普查小区图 330199101201001.pdf")).toBe(
      `attachment; filename="_____ 330199101201001.pdf"; filename*=UTF-8''%E6%99%AE%E6%9F%A5%E5%B0%8F%E5%8C%BA%E5%9B%BE%20330199101201001.pdf`,
    );
    expect(attachmentDisposition("全部.pdf")).toBe(`attachment; filename="tessera.pdf"; filename*=UTF-8''%E5%85%A8%E9%83%A8.pdf`);
    expect(attachmentDisposition(`a"b;c\\d (1)'.pdf`)).toBe(`attachment; filename="a_b_c_d (1)'.pdf"; filename*=UTF-8''a%22b%3Bc%5Cd%20%281%29%27.pdf`);
  });

  it("tell a failure by its first line, never its stack", () => {
    expect(failureText(new Error("\nChromium not found: apt install chromium\n    at x (y.js:1:1)"))).toBe("Chromium not found: apt install chromium");
    expect(failureText("x".repeat(400))).toHaveLength(298);
  });
});
