export { default } from "../../../loading";
