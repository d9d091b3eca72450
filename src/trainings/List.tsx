import { Coming } from '../ui/Coming';

export function TrainingList() {
  return <Coming title="nav.trainings" />;
}
