import { createRoot } from 'react-dom/client';
import { OptionsApp } from '../../components/options/OptionsApp';
import { QueryRoot } from '../../components/ui/QueryRoot';
import '../../components/ui/base.css';

createRoot(document.getElementById('root')!).render(
  <QueryRoot>
    <OptionsApp />
  </QueryRoot>,
);
