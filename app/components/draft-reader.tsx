// The draft as a reader sees it: front matter, a table of contents, every section at its own
// URL fragment, back matter. Rendered on the server; needs no script to read.
import { sectionTitle, shortTitle } from "~/domain/sections";
import { docToPlainText, type TiptapDoc } from "~/domain/tiptap";
import { RichText } from "./rich-text";

export interface SectionView {
  id: string;
  parentId: string | null;
  level: number;
  label: string;
  heading: string;
  anchor: string;
  content: TiptapDoc;
}

export interface DraftView {
  frontMatter: TiptapDoc;
  backMatter: TiptapDoc;
  sections: SectionView[];
}

/**
 * The draft's markup, rendered to a string on the server (draft-html.server.tsx) and shown by
 * DraftReader: it is the same for every reader of a version, so it is rendered once.
 */
export function DraftReader({ html }: { html: string }) {
  // Safe: this markup comes from DraftReaderContent below, where React escapes every text.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by React on the server from the draft, every text escaped
  return <div className="draft-layout" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function DraftReaderContent({ draft }: { draft: DraftView }) {
  const byId = new Map(draft.sections.map((s) => [s.id, s]));
  return (
    <>
      <TableOfContents sections={draft.sections} />
      <article className="paper draft" aria-labelledby="du-thao-title">
        <h2 id="du-thao-title" className="matter-label">
          Dự thảo
        </h2>
        <div className="front-matter">
          <RichText doc={draft.frontMatter} />
        </div>
        {draft.sections.map((s) => (
          <DraftSection key={s.id} section={s} ancestors={ancestorsOf(s, byId)} />
        ))}
        <div className="back-matter">
          <RichText doc={draft.backMatter} />
        </div>
      </article>
    </>
  );
}

function ancestorsOf(s: SectionView, byId: Map<string, SectionView>): SectionView[] {
  const chain: SectionView[] = [];
  for (let p = s.parentId ? byId.get(s.parentId) : undefined; p; p = p.parentId ? byId.get(p.parentId) : undefined) {
    chain.unshift(p);
  }
  return chain;
}

function DraftSection({ section, ancestors }: { section: SectionView; ancestors: SectionView[] }) {
  const Heading = (["h2", "h3", "h4", "h5", "h6"] as const)[Math.min(section.level, 5) - 1]!;
  const headingId = `${section.anchor}-tieu-de`;
  return (
    <section id={section.anchor} className="draft-section" aria-labelledby={headingId}>
      {ancestors.length ? <p className="section-path">{ancestors.map(sectionTitle).join(" › ")}</p> : null}
      <div className="section-head">
        <Heading id={headingId} className="section-heading">
          {sectionTitle(section)}
        </Heading>
        <a className="section-link" href={`#${section.anchor}`} aria-label={`Liên kết đến ${sectionTitle(section)}`}>
          #
        </a>
      </div>
      <div className="section-body">
        <RichText doc={section.content} />
      </div>
    </section>
  );
}

interface TocNode {
  section: SectionView;
  children: TocNode[];
}

function buildTree(sections: SectionView[]): TocNode[] {
  const roots: TocNode[] = [];
  const nodes = new Map<string, TocNode>();
  for (const s of sections) {
    const node = { section: s, children: [] };
    nodes.set(s.id, node);
    const parent = s.parentId ? nodes.get(s.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function TableOfContents({ sections }: { sections: SectionView[] }) {
  return (
    <nav className="toc" aria-labelledby="muc-luc-title">
      <h2 id="muc-luc-title">Mục lục</h2>
      <TocList nodes={buildTree(sections)} />
    </nav>
  );
}

function TocList({ nodes }: { nodes: TocNode[] }) {
  return (
    <ol>
      {nodes.map(({ section, children }) => (
        <li key={section.id}>
          <a href={`#${section.anchor}`}>{tocTitle(section)}</a>
          {children.length ? <TocList nodes={children} /> : null}
        </li>
      ))}
    </ol>
  );
}

function tocTitle(s: SectionView): string {
  return s.heading ? sectionTitle(s) : shortTitle(s, docToPlainText(s.content));
}
