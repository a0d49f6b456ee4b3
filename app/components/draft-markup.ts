// How the server render finds a version's draft markup without it passing through the loader's
// data (which would send it a second time, as JSON): app/entry.server.tsx provides a marker that the
// finished page has replaced by the cached markup of draft-html.server.tsx (fillSlots). In the
// browser nothing is provided; DraftReader keeps what is in the page.
import { createContext } from "react";

export const DraftMarkupContext = createContext<(versionId: string) => string | undefined>(() => undefined);
