// The Office's decision screen as a URL: which comments it lists (section, organisation, decided
// or not) and which page. Filters are plain GET parameters so the screen works without JavaScript,
// and a saved decision leads back to exactly the list it was taken from.
import { PAGE_PARAM, parsePage } from "./paging";

export type DecisionState = "undecided" | "review" | "decided" | "all";

export const DECISION_STATES: readonly DecisionState[] = ["undecided", "review", "decided", "all"];

export const DECISION_STATE_LABELS: Record<DecisionState, string> = {
  undecided: "Chưa xử lý",
  review: "Cần xem lại",
  decided: "Đã xử lý",
  all: "Tất cả",
};

const STATE_PARAMS: Record<DecisionState, string> = { undecided: "chua-xu-ly", review: "can-xem-lai", decided: "da-xu-ly", all: "tat-ca" };

export interface DecisionQuery {
  /** A section's id, "chung" for comments on the whole draft, or null for every section. */
  sectionId: string | null;
  organization: string | null;
  state: DecisionState;
  page: number;
  /** The comment whose decision was just saved, to say so on the page. */
  saved?: string | null;
}

export const DEFAULT_DECISION_QUERY: DecisionQuery = { sectionId: null, organization: null, state: "all", page: 1 };

export function decisionsPath(consultationId: string): string {
  return `/office/lay-y-kien/${consultationId}/xu-ly`;
}

export function stateParam(state: DecisionState): string {
  return STATE_PARAMS[state];
}

/** Reads the screen's parameters; anything unknown or malformed falls back to the default. */
export function parseDecisionQuery(params: URLSearchParams): DecisionQuery {
  const text = (name: string, max: number) => {
    const v = params.get(name)?.normalize("NFC").trim();
    return v && v.length <= max ? v : null;
  };
  const stateText = params.get("tinh-trang");
  const state = DECISION_STATES.find((s) => STATE_PARAMS[s] === stateText) ?? "all";
  return {
    sectionId: text("phan", 100),
    organization: text("don-vi", 300),
    state,
    page: parsePage(params.get(PAGE_PARAM)) ?? 1,
    saved: text("da-luu", 100),
  };
}

/** "?phan=…&tinh-trang=chua-xu-ly&trang=2", leaving out what is the default; "" for the default list. */
export function decisionSearch(q: Partial<DecisionQuery>): string {
  const params = new URLSearchParams();
  if (q.sectionId) params.set("phan", q.sectionId);
  if (q.organization) params.set("don-vi", q.organization);
  if (q.state && q.state !== "all") params.set("tinh-trang", STATE_PARAMS[q.state]);
  if (q.page && q.page > 1) params.set("trang", String(q.page));
  if (q.saved) params.set("da-luu", q.saved);
  const s = params.toString();
  return s ? `?${s}` : "";
}
