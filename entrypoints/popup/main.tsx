import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/popup/PopupApp';
import { QueryRoot } from '../../components/ui/QueryRoot';
import '../../components/ui/base.css';

createRoot(document.getElementById('root')!).render(
  <QueryRoot>
    <PopupApp />
  </QueryRoot>,
);
