import { Coming } from '../ui/Coming';

export function CaseForm() {
  return <Coming title="nav.cases" />;
}
