// Zod speaks Vietnamese wherever we did not word a message ourselves. Import this module (for its
// effect) from every module that defines a schema.
import { z } from "zod";

z.config(z.locales.vi());
// In the browser the page's Content-Security-Policy forbids eval, and Zod's probe for it
// (new Function) is reported as a violation; the server keeps Zod's compiled parsers.
if (typeof document !== "undefined") z.config({ jitless: true });

export { z };
