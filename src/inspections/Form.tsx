import { Coming } from '../ui/Coming';

export function InspectionForm() {
  return <Coming title="nav.inspections" />;
}
