// On the consultation page once the Office has published the result: where the decisions are, and
// the link to the consolidated report.
export function ResultNotice({ at, path }: { at: string; path: string }) {
  return (
    <section className="result-notice" aria-labelledby="ket-qua-lay-y-kien">
      <h2 id="ket-qua-lay-y-kien" className="matter-label">
        Kết quả lấy ý kiến
      </h2>
      <p>
        Văn phòng đã công bố kết quả tiếp thu, giải trình lúc {at}. Ý kiến xử lý được ghi dưới từng góp ý.{" "}
        <a href={path}>Xem bảng tổng hợp ý kiến, tiếp thu, giải trình</a>
      </p>
    </section>
  );
}
