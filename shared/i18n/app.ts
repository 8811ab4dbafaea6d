// Strings of the app shell: menus, panes, toolbar, dialogs.
const en = {
  app: { name: 'FactDesk' },
};
const zhCN: typeof en = {
  app: { name: 'FactDesk' },
};
export default { en, 'zh-CN': zhCN };
