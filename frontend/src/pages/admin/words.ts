// The admin's screens' words.
import { words } from '../../i18n';
import { w as portfolioWords } from '../partner/words';

export const en = {
  cooperatives: 'Cooperatives',
  setupCoop: 'Set up a cooperative',
  platformLog: 'Platform log',
  platformPortfolio: 'Platform portfolio',
  byModel: 'By partnership model',
  partners: 'Partners',
  users: 'Users',
  currency: 'Currency',
  model: 'Model',
  models: { government: 'Government', private: 'Company', nonprofit: 'Non-profit', multi_stakeholder: 'Multi-stakeholder fund' } as Record<string, string>,
};

export const id: typeof en = {
  cooperatives: 'Koperasi',
  setupCoop: 'Siapkan koperasi',
  platformLog: 'Riwayat platform',
  platformPortfolio: 'Portofolio platform',
  byModel: 'Per model kemitraan',
  partners: 'Mitra',
  users: 'Pengguna',
  currency: 'Mata uang',
  model: 'Model',
  models: { government: 'Pemerintah', private: 'Swasta', nonprofit: 'Nirlaba', multi_stakeholder: 'Dana multipihak' },
};

export const w = words(portfolioWords, en, id);
