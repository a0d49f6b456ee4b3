// The route-matching caches added by scripts/patches (applied by `npm install` through
// patch-package): a page request matched its path four or five times against every route.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { matchRoutes as MatchRoutes } from "@remix-run/router";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
// The CommonJS build, which the server's bundle requires (Vite would give the unpatched ES module).
const { matchRoutes } = require("@remix-run/router/dist/router.cjs.js") as { matchRoutes: typeof MatchRoutes };

const routes = [
  {
    id: "root",
    path: "/",
    children: [
      { id: "list", index: true },
      { id: "page", path: "lay-y-kien/:consultationId" },
      { id: "office", path: "office/*" },
    ],
  },
];

describe("the patched router", () => {
  it("gives the same matches for a path again, as copies no caller can change for another", () => {
    const first = matchRoutes(routes, "/lay-y-kien/abc")!;
    expect(first.map((m) => m.route.id)).toEqual(["root", "page"]);
    (first[1]!.params as Record<string, string>).consultationId = "changed";
    first.pop();
    const again = matchRoutes(routes, "/lay-y-kien/abc")!;
    expect(again.map((m) => [m.route.id, m.params.consultationId])).toEqual([
      ["root", "abc"],
      ["page", "abc"],
    ]);
    expect(matchRoutes(routes, "/lay-y-kien/xyz")![1]!.params.consultationId).toBe("xyz");
    expect(matchRoutes(routes, "/khong-co")).toBeNull();
    expect(matchRoutes(routes, "/khong-co")).toBeNull();
    expect(matchRoutes(routes, "/office/a/b")![1]!.params["*"]).toBe("a/b");
  });

  it("is the code the server runs: every patch is applied", () => {
    for (const file of [
      "@remix-run/router/dist/router.cjs.js",
      "@remix-run/react/dist/server.js",
      "@remix-run/react/dist/components.js",
      "react-router-dom/server.js",
    ]) {
      expect(readFileSync(require.resolve(file), "utf8"), file).toContain("Patched (scripts/patches)");
    }
  });
});
