// Said after a comment sent without JavaScript: the page comes back at the section commented on,
// far from the form, so the confirmation stays in view at the bottom of the window.
export function SentNotice({ commentId }: { commentId: string }) {
  return (
    <p className="sent-notice" role="status">
      Đã gửi góp ý của đồng chí. <a href={`#y-kien-${commentId}`}>Xem trong danh sách góp ý</a>
    </p>
  );
}
