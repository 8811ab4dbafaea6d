// Strings of how the workspace is shown: themes, status bars, the dashboard, the revision timeline.
const en = {
  view: {
    theme: 'Theme',
    themeChoice: { system: 'Follow system', light: 'Light', dark: 'Dark' },
    progress: '{{checked}} / {{total}} checked',
    progressLabel: 'Claims by status: {{detail}}',
    progressNone: 'No claims yet',
    statusCount: '{{status}} {{count}}',
    dashboard: 'Dashboard',
    dashboardTitle: 'Workspace dashboard',
    close: 'Close',
    byStatus: 'Claims by status',
    byArticle: 'Claims by article',
    overTime: 'Checks over time',
    overTimeNone: 'No claim has been given a verdict yet.',
    checksOnDay: '{{date}}: {{count}}',
    openByAssignee: 'Open claims per assignee',
    unassigned: 'Unassigned',
    loading: 'Counting…',
    timeline: 'Revision timeline',
    timelineEntry: 'Revision {{n}}, {{date}}, {{who}}: {{changed}} characters changed',
  },
};

const zhCN: typeof en = {
  view: {
    theme: '主题',
    themeChoice: { system: '跟随系统', light: '浅色', dark: '深色' },
    progress: '已核查 {{checked}} / {{total}}',
    progressLabel: '各状态的事实点：{{detail}}',
    progressNone: '尚无事实点',
    statusCount: '{{status}} {{count}}',
    dashboard: '概览',
    dashboardTitle: '工作区概览',
    close: '关闭',
    byStatus: '按状态统计事实点',
    byArticle: '按文章统计事实点',
    overTime: '核查进度（按日）',
    overTimeNone: '还没有事实点给出结论。',
    checksOnDay: '{{date}}：{{count}}',
    openByAssignee: '各负责人的待办事实点',
    unassigned: '未分配',
    loading: '正在统计…',
    timeline: '修订时间线',
    timelineEntry: '第 {{n}} 版，{{date}}，{{who}}：改动 {{changed}} 个字符',
  },
};

export default { en, 'zh-CN': zhCN };
