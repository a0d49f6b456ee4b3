/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Prisma's generated client and the database driver stay outside the bundle; Tiptap and other
  // ESM-only packages are bundled so the server build has no ESM/CJS surprises.
  serverDependenciesToBundle: [/^@tiptap\//, /^prosemirror-/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
