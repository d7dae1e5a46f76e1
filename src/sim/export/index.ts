export { exportDjangoTest, type DjangoExport } from './django-test';
export { exportCurlScript } from './curl';
export type { ExportResult, RunToExport } from './run';
