// The page number of a list, as the URL gives it (?trang=2). One reading for every list, so a
// hand-edited or hostile value ("Infinity", "1e308", "1.01", twenty nines) never reaches an
// OFFSET: it is refused, while a whole number past the last page shows the last page.

export const PAGE_PARAM = "trang";

/** Nine digits: a billion pages of 50 is beyond any list the portal holds. */
const PAGE_NUMBER = /^[0-9]{1,9}$/;

export const MALFORMED_PAGE = "Số trang không hợp lệ: số trang phải là một số nguyên dương, ví dụ ?trang=2.";

/** 1 when absent or empty; the page for a positive whole number; null for anything else. */
export function parsePage(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return 1;
  if (!PAGE_NUMBER.test(value)) return null;
  const page = Number(value);
  return page >= 1 ? page : null;
}

/** The page to show of `pages`, for a number that parsePage accepted. */
export function clampPage(page: number, pages: number): number {
  return Math.min(Math.max(1, page), Math.max(1, pages));
}
