-- Run by the postgres image once, when its data volume is empty, as POSTGRES_USER (crm).
-- One database per service: each reads and writes its own and no other (ARCHITECTURE.md).
CREATE DATABASE marketing;
CREATE DATABASE sales;
CREATE DATABASE service_desk;
CREATE DATABASE reporting;
CREATE DATABASE activities;
CREATE DATABASE notifications;
CREATE DATABASE gateway;
