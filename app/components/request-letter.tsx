// The Office's request letter (công văn xin ý kiến), laid out as Decree 30/2020 lays it out.
import { LetterText } from "./rich-text";

export interface LetterView {
  parentBody: string | null;
  issuingBody: string;
  number: string;
  placeDate: string;
  subject: string;
  addressees: string[];
  body: string;
  distribution: string[];
  signerTitle: string;
  signerName: string;
}

/**
 * Folded under its number once the reader has seen it (`open` on a first look), so coming back
 * leads to the draft rather than to a page of letter.
 */
export function RequestLetter({ letter, open = true }: { letter: LetterView; open?: boolean }) {
  return (
    <details className="letter-fold" open={open}>
      <summary>
        Công văn đề nghị góp ý số {letter.number}
        <span className="letter-fold__subject"> — V/v {letter.subject}</span>
      </summary>
      <LetterPaper letter={letter} />
    </details>
  );
}

function LetterPaper({ letter }: { letter: LetterView }) {
  return (
    <article className="paper letter" aria-labelledby="cong-van-title">
      <h2 id="cong-van-title" className="matter-label">
        Công văn xin ý kiến
      </h2>
      <div className="letter-head">
        <div>
          {letter.parentBody ? <p className="body-parent">{letter.parentBody.toUpperCase()}</p> : null}
          <p className="body-name">{letter.issuingBody}</p>
          <p>Số: {letter.number}</p>
          <p className="letter-subject">V/v {letter.subject}</p>
        </div>
        <div>
          <p className="nation">Cộng hòa xã hội chủ nghĩa Việt Nam</p>
          <p className="motto">Độc lập - Tự do - Hạnh phúc</p>
          <p className="place-date">{letter.placeDate}</p>
        </div>
      </div>
      <div className="letter-to">
        <span>Kính gửi:</span>
        <ul>
          {letter.addressees.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      </div>
      <div className="letter-body">
        <LetterText text={letter.body} />
      </div>
      <div className="letter-foot">
        <div>
          <p className="recipients-title">Nơi nhận:</p>
          <ul>
            {letter.distribution.map((d, i) => (
              <li key={i}>- {d}</li>
            ))}
          </ul>
        </div>
        <div className="signature">
          <p className="signer-title">{letter.signerTitle}</p>
          <p className="signer-name">{letter.signerName}</p>
        </div>
      </div>
    </article>
  );
}
