// Who wrote a comment, as a card says it: "Nguyễn Văn A — Sở Tài chính". Officials answer on behalf
// of their organisation, so the organisation is part of the name; their title is in the report.
// The viewer's own comments keep the name too (the card must read the same to everyone) and add
// "(ý kiến của đồng chí)", the portal's usual address to an official.
export const OWN_COMMENT_MARK = "(ý kiến của đồng chí)";

export interface CommentAuthor {
  name: string;
  organization: string | null;
}

export function commentAuthorLine(author: CommentAuthor, isOwn: boolean): string {
  const name = author.name.trim();
  const organization = author.organization?.trim();
  const line = organization ? (name ? `${name} — ${organization}` : organization) : name;
  return isOwn ? `${line} ${OWN_COMMENT_MARK}` : line;
}
