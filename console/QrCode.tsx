// A QR code as inline SVG, one path of dark modules, from uqr (a small encoder with no dependencies). Drawn
// here rather than injected as markup, so nothing the server sends becomes HTML. A quiet zone of four
// modules, as phones' scanners expect; black on white whatever the page's colours.
import { encode } from 'uqr';

export function QrCode({ text, label }: { text: string; label: string }) {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg class="qr" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width="200" height="200">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
