import { Coming } from '../ui/Coming';

export function InspectionList() {
  return <Coming title="nav.inspections" />;
}
