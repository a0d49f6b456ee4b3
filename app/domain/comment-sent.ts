// Where an official lands after sending a comment without JavaScript: back at the section they
// commented on (not the list at the bottom of a very long page), with a flag in the query that
// makes the page say the comment was sent.
export const SENT_PARAM = "da-gui";

export function sentLocation(consultationId: string, commentId: string, sectionAnchor: string | null): string {
  const hash = sectionAnchor ? sectionAnchor : `y-kien-${commentId}`;
  return `/lay-y-kien/${encodeURIComponent(consultationId)}?${SENT_PARAM}=${encodeURIComponent(commentId)}#${encodeURIComponent(hash)}`;
}

/** The comment id in a `?da-gui=` flag, or null when there is none or it is not an id at all. */
export function sentCommentId(url: URL): string | null {
  const id = url.searchParams.get(SENT_PARAM);
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}
