import { Coming } from '../ui/Coming';

export function CaseList() {
  return <Coming title="nav.cases" />;
}
