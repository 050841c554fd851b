#!/usr/bin/env node
import { main } from "./main.js";
import { reportAndExit } from "./reportAndExit.js";

main().catch(reportAndExit);
