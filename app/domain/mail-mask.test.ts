import { describe, expect, it } from "vitest";
import { renderEmail } from "../../emails";
import { defaultProps as invitation } from "../../emails/invitation";
import { defaultProps as signIn } from "../../emails/sign-in";
import { MASK, maskSignInSecrets } from "./mail-mask";

describe("maskSignInSecrets", () => {
  it("hides the code and the link's token of a sign-in mail, and nothing else", () => {
    const props = { ...signIn, code: "482913", link: "https://gopy.example.gov.vn/dang-nhap/xac-nhan?token=AbC-d_9" };
    const masked = maskSignInSecrets(props);
    expect(masked).toEqual({ ...props, code: MASK, link: `https://gopy.example.gov.vn/dang-nhap/xac-nhan?token=${MASK}` });
    const rendered = renderEmail("dang-nhap", masked);
    expect(rendered.text).not.toContain("482913");
    expect(rendered.html).not.toContain("AbC-d_9");
    expect(rendered.text).toContain(signIn.name);
  });

  it("hides the personal link of an invitation and keeps an ordinary link", () => {
    const props = { ...invitation, link: "http://localhost:3000/dang-nhap/xac-nhan?token=bi-mat" };
    expect(maskSignInSecrets(props)).toMatchObject({ link: `http://localhost:3000/dang-nhap/xac-nhan?token=${MASK}`, recipientName: invitation.recipientName });
    expect(maskSignInSecrets({ link: "http://localhost:3000/lay-y-kien/abc" })).toEqual({ link: "http://localhost:3000/lay-y-kien/abc" });
  });
});
