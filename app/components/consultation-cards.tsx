// The Office's consultations as cards: state, deadline and time left, and how far each has come.

export interface ConsultationCard {
  id: string;
  title: string;
  phase: string;
  phaseKey: string;
  deadline: string;
  timeLeft: string;
  asked: number;
  answered: number;
  comments: number;
  decided: number;
}

export function ConsultationCards({ consultations }: { consultations: ConsultationCard[] }) {
  if (consultations.length === 0) return <p className="muted">Chưa có đợt lấy ý kiến nào.</p>;
  return (
    <ul className="consultation-list">
      {consultations.map((c) => (
        <li key={c.id} className="consultation-card">
          <h2>
            <a href={`/office/lay-y-kien/${c.id}`}>{c.title}</a>
          </h2>
          <p>
            <span className={`status status--${c.phaseKey}`}>{c.phase}</span>
            {c.timeLeft ? <span className="time-left"> {c.timeLeft}</span> : null}
          </p>
          <dl>
            <dt>Hạn góp ý</dt>
            <dd>{c.deadline}</dd>
            <dt>Đã trả lời</dt>
            <dd>
              {c.answered}/{c.asked} cơ quan, đơn vị được xin ý kiến
            </dd>
            <dt>Ý kiến góp ý</dt>
            <dd>{c.comments}</dd>
            <dt>Đã xử lý</dt>
            <dd>
              {c.decided}/{c.comments} ý kiến
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
