// The nonce of the document being rendered, for the inline scripts Remix writes (<Scripts>,
// <ScrollRestoration>). Set by app/entry.server.tsx; empty in the browser, which hides nonces.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
