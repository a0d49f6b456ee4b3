// Links to the report's files. They are plain links (a download works without JavaScript); with
// JavaScript, a download that takes longer than a second shows how much has arrived, so the
// Office does not click again on a 100,000-comment export.
import { useRef, useState } from "react";

const FORMATS = [
  { format: "docx", label: "Tải bảng tổng hợp (DOCX, Word)" },
  { format: "csv", label: "Tải dữ liệu (CSV, Excel)" },
  { format: "json", label: "Tải dữ liệu (JSON, cho hệ thống khác)" },
] as const;

type Progress = { label: string; received: number; state: "working" | "done" | "failed" } | null;

const megabytes = (bytes: number) => (bytes / 1_048_576).toLocaleString("vi-VN", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function ExportLinks({ base }: { base: string }) {
  const [progress, setProgress] = useState<Progress>(null);
  const busy = useRef(false);

  async function download(event: React.MouseEvent<HTMLAnchorElement>, label: string) {
    const link = event.currentTarget;
    if (busy.current) return event.preventDefault();
    event.preventDefault();
    busy.current = true;
    let received = 0;
    // Shown only when the file takes longer than a second: a quick download needs no progress.
    const timer = setTimeout(() => setProgress({ label, received, state: "working" }), 1000);
    try {
      const response = await fetch(link.href, { credentials: "same-origin" });
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const reader = response.body.getReader();
      const parts: BlobPart[] = [];
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(value);
        received += value.length;
        setProgress((p) => (p ? { ...p, received } : p));
      }
      const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get("Content-Disposition") ?? "")?.[1];
      const url = URL.createObjectURL(new Blob(parts, { type: response.headers.get("Content-Type") ?? "application/octet-stream" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name ? decodeURIComponent(name) : "";
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      clearTimeout(timer);
      setProgress((p) => (p ? { ...p, received, state: "done" } : p));
    } catch {
      clearTimeout(timer);
      setProgress({ label, received, state: "failed" });
    } finally {
      busy.current = false;
    }
  }

  return (
    <div className="export-links">
      <ul>
        {FORMATS.map((f) => (
          <li key={f.format}>
            <a href={`${base}/${f.format}`} download onClick={(e) => download(e, f.label)}>
              {f.label}
            </a>
          </li>
        ))}
      </ul>
      <div aria-live="polite" className="export-links__status">
        {progress?.state === "working" ? (
          <p>
            <progress aria-label="Đang tạo tệp" /> Đang tạo tệp… đã nhận {megabytes(progress.received)} MB.
          </p>
        ) : progress?.state === "done" ? (
          <p>Đã tải xong ({megabytes(progress.received)} MB).</p>
        ) : progress?.state === "failed" ? (
          <p role="alert">Không tải được tệp. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo quản trị hệ thống.</p>
        ) : null}
      </div>
    </div>
  );
}
