// Zod speaks Vietnamese wherever we did not word a message ourselves. Import this module (for its
// effect) from every module that defines a schema.
import { z } from "zod";

z.config(z.locales.vi());

export { z };
