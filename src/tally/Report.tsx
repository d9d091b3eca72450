import { Coming } from '../ui/Coming';

export function Report() {
  return <Coming title="nav.reports" />;
}
