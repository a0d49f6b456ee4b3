// The draft as a reader sees it: front matter, a table of contents, every section at its own
// URL fragment, back matter. Rendered on the server; needs no script to read. With a script, the
// table of contents follows the reader and each section says how many comments it has.

import { useLocation } from "@remix-run/react";
import { useContext, useEffect, useState } from "react";
import { sectionTitle, shortTitle } from "~/domain/sections";
import { docToPlainText, type TiptapDoc } from "~/domain/tiptap";
import { titleBlock } from "~/domain/title-block";
import { DraftMarkupContext } from "./draft-markup";
import { DraftOrientation, type SectionCounts, WIDE_SCREEN } from "./draft-orientation";
import { useNonce } from "./nonce";
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
 * The draft's markup, rendered to a string once per version on the server (draft-html.server.tsx).
 * It is not in the loader's data: the server render reads it from its cache through
 * DraftMarkupContext; the browser, on hydration, keeps the markup already in the page, and after a
 * client-side navigation fetches it from `draftUrl`, a URL that names the version and is cached
 * for good. Around it, the grid: table of contents | draft | the margin (app/components/passage-*).
 */
export function DraftReader({ versionId, draftUrl, counts }: { versionId: string; draftUrl: string; counts: SectionCounts }) {
  const fromServer = useContext(DraftMarkupContext)(versionId);
  const nonce = useNonce();
  const [html, setHtml] = useState(() => fromServer ?? markupInPage(versionId));
  const [failed, setFailed] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => {
    if (html !== undefined) return;
    let cancelled = false;
    fetch(draftUrl)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((text) => cancelled || setHtml(text))
      .catch(() => cancelled || setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [html, draftUrl]);
  return (
    <div className="draft-layout">
      {html === undefined ? (
        <p className="draft-loading" role="status">
          {failed ? (
            <>
              Không tải được dự thảo. <a href={pathname}>Tải lại trang</a>
            </>
          ) : (
            "Đang tải dự thảo…"
          )}
        </p>
      ) : (
        <>
          {/* Safe: this markup comes from DraftReaderContent below, where React escapes every text. */}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by React on the server from the draft, every text escaped */}
          <div className="draft-markup" data-draft-version={versionId} dangerouslySetInnerHTML={{ __html: html }} suppressHydrationWarning />
          {/* Opens the table of contents on a wide screen before the first paint, so it does not
              jump open at hydration; on a phone it stays folded. */}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours */}
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: OPEN_TOC_ON_WIDE_SCREENS }} suppressHydrationWarning />
          <DraftOrientation counts={counts} />
        </>
      )}
      <aside className="draft-margin" aria-label="Góp ý bên lề" />
    </div>
  );
}

const OPEN_TOC_ON_WIDE_SCREENS = `(function(){var d=document.querySelector(".toc-fold");if(d&&matchMedia("${WIDE_SCREEN}").matches)d.open=true})()`;

/** On hydration: the markup the server put in the page, when it is this version's. */
function markupInPage(versionId: string): string | undefined {
  if (typeof document === "undefined") return undefined;
  return document.querySelector(`[data-draft-version="${CSS.escape(versionId)}"]`)?.innerHTML;
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
          <FrontMatter doc={draft.frontMatter} />
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

/** The front matter with its heading block set apart, to be centred as in the original. */
function FrontMatter({ doc }: { doc: TiptapDoc }) {
  const block = titleBlock(doc.content);
  if (!block) return <RichText doc={doc} />;
  return (
    <>
      <RichText doc={{ content: doc.content.slice(0, block.from) }} />
      <div className="doc-title">
        <RichText doc={{ content: doc.content.slice(block.from, block.to) }} />
      </div>
      <RichText doc={{ content: doc.content.slice(block.to) }} />
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
    <section id={section.anchor} className="draft-section" aria-labelledby={headingId} data-section-id={section.id} data-path={sectionPath(section, ancestors)}>
      {ancestors.length ? <p className="section-path">{ancestors.map(sectionTitle).join(" › ")}</p> : null}
      <div className="section-head">
        <Heading id={headingId} className="section-heading">
          {sectionTitle(section)}
        </Heading>
        <a className="section-link" href={`#${section.anchor}`} aria-label={`Liên kết đến ${sectionTitle(section)}`}>
          #
        </a>
        <span className="section-count" data-count-slot={section.id} data-anchor={section.anchor} />
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

/**
 * Folded on a phone (a sticky bar that opens it), open beside the draft on a wide screen; the line
 * under it says where the reader is (filled in the browser: draft-orientation.tsx).
 */
function TableOfContents({ sections }: { sections: SectionView[] }) {
  return (
    <div className="toc-column">
      <p className="reading-now" data-reading-now="" />
      <nav className="toc" aria-label="Mục lục" id="muc-luc">
        <details className="toc-fold">
          <summary>Mục lục</summary>
          <TocList nodes={buildTree(sections)} />
        </details>
      </nav>
    </div>
  );
}

function TocList({ nodes }: { nodes: TocNode[] }) {
  return (
    <ol>
      {nodes.map(({ section, children }) => (
        <li key={section.id}>
          <a href={`#${section.anchor}`} data-toc-for={section.anchor}>
            {tocTitle(section)}
          </a>
          <span className="toc-count" data-count-slot={section.id} data-anchor={section.anchor} />
          {children.length ? <TocList nodes={children} /> : null}
        </li>
      ))}
    </ol>
  );
}

/** "III.2": the labels of the section and its parents, as readers cite a part of a plan. */
function sectionPath(s: SectionView, ancestors: SectionView[]): string {
  return [...ancestors, s].map((x) => x.label.replace(/[.:)]+$/u, "")).join(".");
}

function tocTitle(s: SectionView): string {
  return s.heading ? sectionTitle(s) : shortTitle(s, docToPlainText(s.content));
}
