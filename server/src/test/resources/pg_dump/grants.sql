\restrict SENKkHaHoFshgvRBHRRswvpCUE2ZjXBEBDgu6DeGiZbN9pnbx6zfH3xsVj21shH
SET default_transaction_read_only = off;
SET client_encoding = 'SQL_ASCII';
SET standard_conforming_strings = on;
CREATE ROLE kt_dump_app;
ALTER ROLE kt_dump_app WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 10 PASSWORD 'SCRAM-SHA-256$4096:Iu91NIRJzSGCbjVRmTnEBA==$0LTvautL0Ka56c/GQpuYkl7YSd5Auk11KXP1LtRbnRE=:u4HXRs5D36GtRKkli85YlvSgG8dPSGAefCqEU+qeuw0=';
CREATE ROLE kt_dump_readers;
ALTER ROLE kt_dump_readers WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB NOLOGIN NOREPLICATION NOBYPASSRLS;
CREATE ROLE postgres;
ALTER ROLE postgres WITH SUPERUSER INHERIT CREATEROLE CREATEDB LOGIN REPLICATION BYPASSRLS;
GRANT kt_dump_readers TO kt_dump_app GRANTED BY postgres;
\unrestrict SENKkHaHoFshgvRBHRRswvpCUE2ZjXBEBDgu6DeGiZbN9pnbx6zfH3xsVj21shH

--
-- PostgreSQL database dump
--

\restrict H0iPDbAbLfCVBm9Q71ScKqYUvJCtSogUKcA2l2fbtNBR9WRZTFQ2hSrK7LaCGb6

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'SQL_ASCII';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: reporting; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA reporting;


ALTER SCHEMA reporting OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: orders; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.orders (
    id integer NOT NULL,
    customer text NOT NULL,
    total numeric(10,2)
);


ALTER TABLE public.orders OWNER TO postgres;

--
-- Name: orders_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.orders_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.orders_id_seq OWNER TO postgres;

--
-- Name: orders_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;


--
-- Name: daily; Type: TABLE; Schema: reporting; Owner: postgres
--

CREATE TABLE reporting.daily (
    day date NOT NULL,
    revenue numeric
);


ALTER TABLE reporting.daily OWNER TO postgres;

--
-- Name: orders id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);


--
-- Data for Name: orders; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.orders (id, customer, total) FROM stdin;
1	ann	10.50
2	bob	-3.00
\.


--
-- Data for Name: daily; Type: TABLE DATA; Schema: reporting; Owner: postgres
--

COPY reporting.daily (day, revenue) FROM stdin;
\.


--
-- Name: orders_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.orders_id_seq', 2, true);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: orders total_nonneg; Type: CHECK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE public.orders
    ADD CONSTRAINT total_nonneg CHECK ((total >= (0)::numeric)) NOT VALID;


--
-- Name: daily daily_pkey; Type: CONSTRAINT; Schema: reporting; Owner: postgres
--

ALTER TABLE ONLY reporting.daily
    ADD CONSTRAINT daily_pkey PRIMARY KEY (day);


--
-- Name: SCHEMA reporting; Type: ACL; Schema: -; Owner: postgres
--

GRANT USAGE ON SCHEMA reporting TO kt_dump_readers;


--
-- Name: TABLE orders; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.orders TO kt_dump_readers;
GRANT SELECT,INSERT,UPDATE ON TABLE public.orders TO kt_dump_app;


--
-- Name: COLUMN orders.total; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(total) ON TABLE public.orders TO kt_dump_readers;


--
-- Name: SEQUENCE orders_id_seq; Type: ACL; Schema: public; Owner: postgres
--

GRANT USAGE ON SEQUENCE public.orders_id_seq TO kt_dump_app;


--
-- Name: TABLE daily; Type: ACL; Schema: reporting; Owner: postgres
--

GRANT SELECT ON TABLE reporting.daily TO kt_dump_readers WITH GRANT OPTION;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: reporting; Owner: postgres
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA reporting GRANT SELECT ON TABLES  TO kt_dump_readers;


--
-- PostgreSQL database dump complete
--

\unrestrict H0iPDbAbLfCVBm9Q71ScKqYUvJCtSogUKcA2l2fbtNBR9WRZTFQ2hSrK7LaCGb6

