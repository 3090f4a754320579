// QR codes as data: URLs of SVG images: the page's CSP allows data: images and nothing inline else.
// `qrcode` is loaded on the first TOTP setup page, not at start (idle memory, docs/benchmarks.md).

export async function qrCodeDataUrl(text: string): Promise<string> {
  const { default: QRCode } = await import("qrcode");
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}
