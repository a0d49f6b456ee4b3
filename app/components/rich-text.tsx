// Renders stored Tiptap JSON as React elements. Only known node and mark types are drawn and
// all text goes through React's escaping, so nothing stored can become live HTML.
import { Fragment, type ReactNode } from "react";
import type { TiptapNode } from "~/domain/tiptap";
import { TableWrap } from "./table-wrap";

export function RichText({ doc }: { doc: { content?: TiptapNode[] } }) {
  return <>{renderNodes(doc.content)}</>;
}

function renderNodes(nodes: TiptapNode[] | undefined): ReactNode {
  return nodes?.map((node, i) => <Fragment key={i}>{renderNode(node)}</Fragment>);
}

function renderNode(node: TiptapNode): ReactNode {
  switch (node.type) {
    case "text":
      return renderMarks(node.text ?? "", node.marks);
    case "hardBreak":
      return <br />;
    case "paragraph":
      return <p>{renderNodes(node.content)}</p>;
    case "bulletList":
      return <ul>{renderNodes(node.content)}</ul>;
    case "orderedList":
      return <ol>{renderNodes(node.content)}</ol>;
    case "listItem":
      return <li>{renderNodes(node.content)}</li>;
    case "blockquote":
      return <blockquote>{renderNodes(node.content)}</blockquote>;
    case "heading":
      return <p className="rich-heading">{renderNodes(node.content)}</p>;
    case "table":
      return (
        <TableWrap label="Bảng trong dự thảo">
          <table className="draft-table">
            <tbody>{renderNodes(node.content)}</tbody>
          </table>
        </TableWrap>
      );
    case "tableRow":
      return <tr>{renderNodes(node.content)}</tr>;
    case "tableHeader":
      return <th scope="col">{renderNodes(node.content)}</th>;
    case "tableCell":
      return <td>{renderNodes(node.content)}</td>;
    case "letterhead":
      return <div className="letterhead">{renderNodes(node.content)}</div>;
    case "letterheadColumn":
      return <div className="letterhead-column">{renderNodes(node.content)}</div>;
    default:
      return renderNodes(node.content);
  }
}

function renderMarks(text: string, marks: TiptapNode["marks"]): ReactNode {
  let out: ReactNode = text;
  for (const mark of marks ?? []) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
  }
  return out;
}

/** Letter text: paragraphs split on blank lines, **bold** honoured, everything else literal. */
export function LetterText({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((para, i) => (
        <p key={i}>{para.split(/\*\*(.+?)\*\*/g).map((part, j) => (j % 2 === 1 ? <strong key={j}>{part}</strong> : <Fragment key={j}>{part}</Fragment>))}</p>
      ))}
    </>
  );
}
