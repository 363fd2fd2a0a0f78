/**
 * The UI's messages per locale: the main file plus one file per part of the app (`parts/<part>.<locale>.json`,
 * each holding one top-level namespace of its own), so that parts are translated and changed on their own.
 */
import enMain from "./en.json";
import zhMain from "./zh.json";
import authEn from "./parts/auth.en.json";
import authZh from "./parts/auth.zh.json";
import workflowEn from "./parts/workflow.en.json";
import workflowZh from "./parts/workflow.zh.json";
import guideEn from "./parts/guide.en.json";
import guideZh from "./parts/guide.zh.json";
import assignEn from "./parts/assign.en.json";
import assignZh from "./parts/assign.zh.json";
import dashboardEn from "./parts/dashboard.en.json";
import dashboardZh from "./parts/dashboard.zh.json";
import auditEn from "./parts/audit.en.json";
import auditZh from "./parts/audit.zh.json";
import usersEn from "./parts/users.en.json";
import usersZh from "./parts/users.zh.json";
import printEn from "./parts/print.en.json";
import printZh from "./parts/print.zh.json";
import exportEn from "./parts/export.en.json";
import exportZh from "./parts/export.zh.json";
import importEn from "./parts/import.en.json";
import importZh from "./parts/import.zh.json";
import ioEn from "./parts/io.en.json";
import ioZh from "./parts/io.zh.json";
import imageryEn from "./parts/imagery.en.json";
import imageryZh from "./parts/imagery.zh.json";

/** Used by next-intl's request config and by tests: every message of each locale, merged. */
export const MESSAGES = {
  en: { ...enMain, ...authEn, ...workflowEn, ...guideEn, ...assignEn, ...dashboardEn, ...auditEn, ...usersEn, ...printEn, ...exportEn, ...importEn, ...ioEn, ...imageryEn },
  zh: { ...zhMain, ...authZh, ...workflowZh, ...guideZh, ...assignZh, ...dashboardZh, ...auditZh, ...usersZh, ...printZh, ...exportZh, ...importZh, ...ioZh, ...imageryZh },
};
