import type { NoticeCode } from '../model.js';

type Catalog = Record<NoticeCode, string>;

const en: Catalog = {
  'store-recovered': '{{file}} was damaged. It was moved aside to {{movedTo}} and its copy, which holds every saved change, was restored.',
  'store-recovered-empty': '{{file}} was damaged and no good copy was found. It was moved aside to {{movedTo}} (nothing was deleted) and started afresh.',
  'store-restored-missing': '{{file}} had disappeared; it was restored from its copy, which holds every saved change.',
  'index-rebuilt': 'The workspace index was lost, so it was rebuilt from the annotation files beside the articles: {{adopted}} of {{articles}} articles kept their ids, claims and history.',
  'meta-recreated':
    'FactDesk’s data folder (.factdesk) was deleted while the workspace was open. It was re-created from what FactDesk had in memory: the index, {{sidecars}} annotation files and {{histories}} revision histories. {{lost}} articles not opened in this session lost their stored annotations with the folder.',
  'link-refused': '{{name}} inside .factdesk was a link, which FactDesk does not follow (it could lead outside the workspace). It was moved aside to {{movedTo}}; nothing it pointed to was read or changed.',
  'file-skipped-name': '{{name}} was left out of the article list: its file name is not valid UTF-8, so FactDesk cannot open it safely. Rename it and it will appear.',
  'file-skipped-size': '{{name}} was left out of the article list: it is {{size}} bytes, over the {{max}}-byte limit. Split it into smaller articles.',
  'bytes-kept': 'The file {{name}} held bytes FactDesk could not read as text. Before your save replaced them they were kept in the trash ({{storedAs}}); restore them from the trash if you need them.',
};

const zhCN: Catalog = {
  'store-recovered': '{{file}} 已损坏,已移至 {{movedTo}},并用保存了全部已确认更改的副本恢复。',
  'store-recovered-empty': '{{file}} 已损坏且找不到完好的副本。原文件已移至 {{movedTo}}(未删除任何内容),并已重新建立。',
  'store-restored-missing': '{{file}} 不见了,已用保存了全部已确认更改的副本恢复。',
  'index-rebuilt': '工作区索引已丢失,已根据文章旁的标注文件重建:{{articles}} 篇文章中有 {{adopted}} 篇保留了原编号、断言和历史。',
  'meta-recreated':
    'FactDesk 的数据文件夹(.factdesk)在工作区打开期间被删除,已根据内存中的内容重建:索引、{{sidecars}} 个标注文件和 {{histories}} 份修订历史。本次会话中未打开过的 {{lost}} 篇文章的已存标注随文件夹一同丢失。',
  'link-refused': '.factdesk 中的 {{name}} 是一个链接,FactDesk 不会跟随它(它可能指向工作区之外)。该链接已移至 {{movedTo}},它所指向的内容未被读取或改动。',
  'file-skipped-name': '{{name}} 未列入文章列表:其文件名不是有效的 UTF-8,FactDesk 无法安全地打开它。重命名后即会显示。',
  'file-skipped-size': '{{name}} 未列入文章列表:大小为 {{size}} 字节,超过 {{max}} 字节的上限。请拆分为较小的文章。',
  'bytes-kept': '文件 {{name}} 中有 FactDesk 无法作为文本读取的内容。在您的保存覆盖它们之前,这些字节已保存到回收站({{storedAs}});如有需要,可从回收站恢复。',
};

export default { en: { notices: en }, 'zh-CN': { notices: zhCN } };
