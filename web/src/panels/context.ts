// What every panel needs from the playground: the state, the engine's catalogs, the uploaded CSV and
// the shared error line.
import type { Catalog } from '../protocol';
import type { CsvPreview } from '../csv/preview';
import type { Store } from '../state/store';

export interface UploadedCsv {
  name: string;
  text: string;
  preview: CsvPreview;
}

export interface PanelContext {
  store: Store;
  catalog: Catalog;
  csv: UploadedCsv | null;
  setCsv(csv: UploadedCsv): void;
  showError(message: string | null): void;
}
