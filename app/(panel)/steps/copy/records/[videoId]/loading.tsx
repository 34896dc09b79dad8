export { default } from "../../../../loading";
