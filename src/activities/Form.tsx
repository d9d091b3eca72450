import { Coming } from '../ui/Coming';

export function ActivityForm() {
  return <Coming title="nav.activities" />;
}
